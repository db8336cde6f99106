import Foundation
import Mechanisms

/// A ``Mechanisms/ReductionCondition`` as the step cache stores it: every `Float` array as its
/// bytes (IEEE 754 binary32, little-endian; base64 in the entry's JSON) instead of decimal numbers.
///
/// The reduction conditions are most of an analysis' details (332 of 371 MiB as JSON numbers on the
/// shipped ensemble, nearly all pooled layer-1 responses and attributions) and a new hypothesis or a
/// refitted unified circuit must read them back; as bytes they take about half the space and decode
/// without parsing a number. The round trip is bitwise (NaN payloads included): ``unpacked()`` gives the
/// condition that was packed, field for field.
struct PackedReductionCondition: Codable, Sendable {
    var label: String
    var attribution: Attribution?
    var hidden: Response
    var fullResponseHz: PackedFloats
    var baselineRateHz: Float
    var responseWindow: Range<Int>?
    var attributionRows: Range<Int>

    struct Attribution: Codable, Sendable {
        var symmetry: PoolingSymmetry
        var windows, channels, columns: Int
        var attributions: PackedFloats
        var effectiveWeights: PackedFloats?
        var drive: PackedFloats?
        var targetRatesHz: PackedFloats
        var baselineRateHz: Float
    }

    struct Response: Codable, Sendable {
        var symmetry: PoolingSymmetry
        var windows, channels, columns: Int
        var values: PackedFloats
    }

    init(_ c: ReductionCondition) {
        label = c.label
        attribution = c.attribution.map { a in
            Attribution(symmetry: a.symmetry, windows: a.windows, channels: a.channels, columns: a.columns,
                        attributions: PackedFloats(a.attributions), effectiveWeights: a.effectiveWeights.map(PackedFloats.init),
                        drive: a.drive.map(PackedFloats.init), targetRatesHz: PackedFloats(a.targetRatesHz),
                        baselineRateHz: a.baselineRateHz)
        }
        hidden = Response(symmetry: c.hidden.symmetry, windows: c.hidden.windows, channels: c.hidden.channels,
                          columns: c.hidden.columns, values: PackedFloats(c.hidden.values))
        fullResponseHz = PackedFloats(c.fullResponseHz)
        baselineRateHz = c.baselineRateHz
        responseWindow = c.responseWindow
        attributionRows = c.attributionRows
    }

    /// The condition that was packed.
    /// - Throws: ``StepCacheEntry/Invalid/undecodable(reason:)`` when a byte count is not a whole
    ///   number of floats or the response does not cover the condition's windows.
    func unpacked() throws -> ReductionCondition {
        let h = PooledLayer1Response(symmetry: hidden.symmetry, windows: hidden.windows, channels: hidden.channels,
                                     columns: hidden.columns, values: try hidden.values.floats())
        // The fit-only initialiser checks the response length; the other fields are set as they were.
        var c: ReductionCondition
        do {
            c = try ReductionCondition(label: label, hidden: h, fullResponseHz: try fullResponseHz.floats(), baselineRateHz: baselineRateHz)
        } catch let invalid as StepCacheEntry.Invalid {
            throw invalid
        } catch {
            throw StepCacheEntry.Invalid.undecodable(reason: "reduction condition \(label): \(error)")
        }
        c.attribution = try attribution.map { a in
            PooledAttribution(symmetry: a.symmetry, windows: a.windows, channels: a.channels, columns: a.columns,
                              attributions: try a.attributions.floats(), effectiveWeights: try a.effectiveWeights?.floats(),
                              drive: try a.drive?.floats(), targetRatesHz: try a.targetRatesHz.floats(), baselineRateHz: a.baselineRateHz)
        }
        c.responseWindow = responseWindow
        c.attributionRows = attributionRows
        return c
    }
}

/// `[Float]` as its bytes (binary32, little-endian), encoded as one base64 string.
struct PackedFloats: Codable, Sendable, Equatable {
    var bytes: Data

    init(_ values: [Float]) {
        var data = Data(capacity: values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        bytes = data
    }

    init(from decoder: any Decoder) throws { bytes = try decoder.singleValueContainer().decode(Data.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }

    /// - Throws: ``StepCacheEntry/Invalid/undecodable(reason:)`` when the byte count is not a multiple of 4.
    func floats() throws -> [Float] {
        guard bytes.count % 4 == 0 else {
            throw StepCacheEntry.Invalid.undecodable(reason: "\(bytes.count) bytes are not a whole number of floats")
        }
        return bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
