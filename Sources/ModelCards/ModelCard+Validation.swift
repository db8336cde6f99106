import Foundation
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation

/// A model card that cannot be used: malformed JSON, a missing field or a number outside its
/// physical range. Exit 65 (malformed input); the message names the field.
public struct ModelCardError: ToolError, Equatable {
    public var field: String
    public var expected: String
    public var found: String

    public var exitCode: Int32 { ExitStatus.dataError }

    public var description: String {
        "model card (metadata '\(ModelCard.metadataKey)'): field '\(field)': expected \(expected), found \(found)"
    }
}

extension ModelCard {
    /// Largest screen side and history a card's architecture may declare (the simulator allocates
    /// `height × width` per frame from it).
    public static let maximumScreenPixels = 1_000
    public static let maximumHistoryFrames = 1_000
    public static let maximumCells = 10_000

    /// The JSON encoder of the card (``metadata()``): sorted keys; NaN and ±∞ as the strings "NaN",
    /// "Infinity", "-Infinity" (JSON has no literal for them; correlations of a silent cell are NaN).
    static var cardEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// The decoder matching ``cardEncoder``: a card the tool wrote is always read back.
    static var cardDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// Reads and validates the card in a model file's metadata (nil if there is none).
    /// - Throws: ``ModelCardError`` (exit 65) naming the field.
    public static func validated(fromMetadata metadata: [String: String]) throws -> ModelCard? {
        guard let text = metadata[metadataKey] else { return nil }
        let card: ModelCard
        do {
            card = try cardDecoder.decode(ModelCard.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ModelCardError(field: path(context.codingPath + [key]), expected: "a value", found: "none (missing)")
        } catch let DecodingError.typeMismatch(type, context) {
            throw ModelCardError(field: path(context.codingPath), expected: "a value of type \(type)", found: context.debugDescription)
        } catch let DecodingError.valueNotFound(type, context) {
            throw ModelCardError(field: path(context.codingPath), expected: "a value of type \(type)", found: "null")
        } catch let DecodingError.dataCorrupted(context) {
            throw ModelCardError(field: path(context.codingPath), expected: "valid JSON", found: context.debugDescription)
        } catch {
            throw ModelCardError(field: "", expected: "a JSON model card", found: "\(error)")
        }
        try card.validate()
        return card
    }

    /// Checks every number of the card against its physical range and the card against itself
    /// (simulator cells and held-out scores: one per model cell). NaN is accepted only where the
    /// tool itself writes it (correlations, FEV and losses of degenerate cells or steps).
    /// - Throws: ``ModelCardError`` (exit 65) naming the field.
    public func validate() throws {
        func fail(_ field: String, _ expected: String, _ found: Any) throws -> Never {
            throw ModelCardError(field: field, expected: expected, found: "\(found)")
        }
        let a = recipe.architecture
        do { try a.validate() } catch let error as ToolError { try fail("recipe.architecture", "a valid architecture", error.description) }
        if a.height > Self.maximumScreenPixels || a.width > Self.maximumScreenPixels {
            try fail("recipe.architecture.height/width", "≤ \(Self.maximumScreenPixels) px", "\(a.height)×\(a.width)")
        }
        if a.historyFrames > Self.maximumHistoryFrames { try fail("recipe.architecture.historyFrames", "≤ \(Self.maximumHistoryFrames)", a.historyFrames) }
        if a.cells > Self.maximumCells { try fail("recipe.architecture.cells", "≤ \(Self.maximumCells)", a.cells) }
        do {
            try recipe.validateRanges()
        } catch let TrainingError.invalidRecipe(field, expected, found) {
            try fail("recipe.\(field)", expected, found)
        }
        do {
            try simulatorParameters.validatePhysicalRanges()
        } catch let SimulationError.invalidParameter(name, expected, found) {
            try fail("simulatorParameters.\(name)", expected, found)
        }
        // A recording-trained card has no simulated retina: its simulator fields are placeholders.
        if dataSource == nil, simulatorCells.count != a.cells {
            try fail("simulatorCells", "\(a.cells) cells (the model's recipe.architecture.cells)", "\(simulatorCells.count) cells")
        }
        for (i, cell) in simulatorCells.enumerated() {
            do {
                try cell.validatePhysicalRanges(index: i)
            } catch let SimulationError.invalidParameter(name, expected, found) {
                try fail("simulatorCells" + (name.hasPrefix("cells") ? String(name.dropFirst(5)) : "." + name), expected, found)
            }
        }
        for (name, n) in [("trainWindows", trainWindows), ("validationWindows", validationWindows), ("testWindows", testWindows),
                          ("keptStep", keptStep), ("samplesSeen", samplesSeen)] where n < 0 {
            try fail(name, "≥ 0", n)
        }
        if !(trainingSeconds.isFinite && trainingSeconds >= 0 && trainingSeconds <= 1e9) { try fail("trainingSeconds", "0 … 10⁹ s", trainingSeconds) }
        if !(samplesPerSecond.isFinite && samplesPerSecond >= 0 && samplesPerSecond <= 1e9) {
            try fail("samplesPerSecond", "0 … 10⁹", samplesPerSecond)
        }
        for (name, values) in [("heldOutCorrelation", heldOutCorrelation), ("heldOutFEV", heldOutFEV)] {
            if values.count != a.cells { try fail(name, "\(a.cells) values (one per cell)", "\(values.count) values") }
            // FEV = 1 − MSE/variance is −∞ for a cell without variance; correlations are NaN then.
            let fev = name == "heldOutFEV"
            for (i, v) in values.enumerated() where !(v.isNaN || (fev && v == -.infinity) || (v >= (fev ? -1e12 : -1) && v <= 1)) {
                try fail("\(name)[\(i)]", fev ? "NaN, −∞ or −10¹² … 1" : "NaN or −1 … 1", v)
            }
        }
        for (i, e) in history.enumerated() {
            if e.step < 0 || e.samples < 0 { try fail("history[\(i)].step/samples", "≥ 0", "\(e.step), \(e.samples)") }
            for (name, v) in [("elapsedSeconds", e.elapsedSeconds), ("trainingLoss", e.trainingLoss),
                              ("validationCorrelation", e.validationCorrelation), ("learningRate", e.learningRate)]
                where !(v.isNaN || (v.isFinite && abs(v) <= 1e12)) {
                try fail("history[\(i)].\(name)", "NaN or a finite value within ±10¹²", v)
            }
        }
        if let m = memoryCoverage {
            if m.windowFrames != a.historyFrames {
                try fail("memoryCoverage.windowFrames", "\(a.historyFrames) (the model's historyFrames)", m.windowFrames)
            }
            if !(0...1).contains(m.firstLagFrames) { try fail("memoryCoverage.firstLagFrames", "0 or 1", m.firstLagFrames) }
            if !(1...10_000).contains(m.filterFrames) { try fail("memoryCoverage.filterFrames", "1 … 10000", m.filterFrames) }
            if m.cells.count > Self.maximumCells { try fail("memoryCoverage.cells", "≤ \(Self.maximumCells) cells", m.cells.count) }
            for (i, c) in m.cells.enumerated() {
                if c.filter.count != m.filterFrames { try fail("memoryCoverage.cells[\(i)].filter", "\(m.filterFrames) taps", c.filter.count) }
                if let null = c.null, null.count != m.filterFrames { try fail("memoryCoverage.cells[\(i)].null", "\(m.filterFrames) taps", null.count) }
                let scalars = [("weightOutsideWindow", c.weightOutsideWindow), ("truncatedCorrelation", c.truncatedCorrelation ?? 0),
                               ("truncatedFEV", c.truncatedFEV ?? 0)]
                let taps = c.filter.enumerated().map { ("filter[\($0.offset)]", $0.element) }
                    + (c.null ?? []).enumerated().map { ("null[\($0.offset)]", $0.element) }
                for (name, v) in scalars + taps where !(v.isFinite && abs(v) <= 1e12) {
                    try fail("memoryCoverage.cells[\(i)].\(name)", "a finite value within ±10¹²", v)
                }
            }
        }
        for (i, c) in (phenomenonCriteria ?? []).enumerated() {
            for (name, v) in [("measured", c.measured), ("minimum", c.minimum), ("maximum", c.maximum)] {
                if let v, !(v.isNaN || (v.isFinite && abs(v) <= 1e12)) { try fail("phenomenonCriteria[\(i)].\(name)", "NaN or a finite value within ±10¹²", v) }
            }
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .replacingOccurrences(of: ".[", with: "[").trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
