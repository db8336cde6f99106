import ArrayIO
import Foundation
import RetinaCNN
import RetinaCore
import ReportKit

/// The address of one cached step result: the SHA-256 of everything the step reads, so equal keys
/// mean equal results and any change of an input gives another key (content addressing).
///
/// What goes in (``Material``): the cache's schema version, the tool version and build (``BuildIdentity``), the numeric engine
/// (``RetinaCNN/NumericEngine``: AVX2 or portable kernels, the OpenBLAS core), the kind of result,
/// and the step's own inputs — the model's file hashes, the resolved parameters the step reads and,
/// for a step that reads another step's result, that step's key (``Material/upstream(_:)``). Nothing
/// else: the run id, the output folder, the seed, other phenomena's protocols do not change a key.
///
/// Invariant: the key is a pure function of the material; the material is encoded as stable JSON
/// (sorted keys, shortest round-trip numbers), so it does not depend on dictionary order or process.
public struct StepCacheKey: Hashable, Sendable, CustomStringConvertible {
    /// 64 lower-case hex characters.
    public let hex: String

    /// The key of `material`.
    /// - Throws: `ArrayIOError.invalidValue` when a part cannot be encoded as JSON.
    public init(_ material: Material) throws {
        hex = SHA256.hex(try StableJSON.encode(material))
    }

    /// A key read back from an entry's file name or header; nil unless 64 lower-case hex characters.
    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.hex = hex
    }

    public var description: String { String(hex.prefix(12)) }

    /// What a key is computed from.
    public struct Material: Encodable, Sendable {
        public var schemaVersion = StepCache.schemaVersion
        public var toolVersion = ToolVersion.current
        /// The running executable (``BuildIdentity``): a rebuilt tool never reads a result its old code computed.
        public var build = BuildIdentity.current
        public var engine = NumericEngine.current
        /// The kind of result (`analysis`, `figures`, `causal tests`, `hypothesis`, …).
        public var kind: String
        /// The step's inputs by name.
        public var inputs: [String: JSONValue] = [:]

        public init(kind: String) { self.kind = kind }

        /// Adds the input `name` (any `Encodable`, stored as its JSON value).
        /// - Throws: when `value` cannot be encoded as JSON.
        public mutating func add<T: Encodable>(_ name: String, _ value: T) throws {
            inputs[name] = try JSONValue(encoding: value)
        }

        /// ``add(_:_:)`` returning the material, for chaining.
        public func adding<T: Encodable>(_ name: String, _ value: T) throws -> Material {
            var m = self
            try m.add(name, value)
            return m
        }

        /// Adds the key of a result this step reads (so whatever changed that result changes this key).
        public func upstream(_ key: StepCacheKey, as name: String = "upstream") -> Material {
            var m = self
            m.inputs[name] = .string(key.hex)
            return m
        }
    }
}
