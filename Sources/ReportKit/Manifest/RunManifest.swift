import ArrayIO
import Foundation

/// `manifest.json`: everything needed to trace and reproduce a run.
///
/// Written last, beside the report, with sorted keys and millisecond UTC dates
/// (``ManifestJSON``). It lists every other file of the run in ``outputs`` (with SHA-256) but not
/// itself. Field names follow the project conventions (C.2); bump ``currentSchemaVersion`` when a
/// field changes meaning or is removed.
public struct RunManifest: Equatable, Codable, Sendable {
    /// Version of this file's layout.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var runId: RunID
    /// When the run started (UTC).
    public var createdUTC: Date
    /// The command line, program name first.
    public var argv: [String]
    /// Every resolved parameter, defaults included, nested as the parameter structs are.
    public var parameters: JSONValue
    /// The master seed of `SeededRandom`.
    public var seed: UInt64
    public var software: SoftwareInfo
    public var inputs: [InputRecord]
    /// Files of the run folder, sorted by path (from ``RunFolder/outputs``).
    public var outputs: [OutputRecord]
    /// Pipeline steps with status and timings (from ``StepRecorder/steps``).
    public var steps: [StepRecord]
    public var warnings: [String]
    /// The process exit status the run ends with (0 success; sysexits otherwise).
    public var exitCode: Int32

    public init(runId: RunID, createdUTC: Date, argv: [String], parameters: JSONValue, seed: UInt64,
                software: SoftwareInfo, inputs: [InputRecord] = [], outputs: [OutputRecord] = [],
                steps: [StepRecord] = [], warnings: [String] = [], exitCode: Int32 = 0,
                schemaVersion: Int = RunManifest.currentSchemaVersion) {
        self.schemaVersion = schemaVersion
        self.runId = runId
        self.createdUTC = createdUTC
        self.argv = argv
        self.parameters = parameters
        self.seed = seed
        self.software = software
        self.inputs = inputs
        self.outputs = outputs
        self.steps = steps
        self.warnings = warnings
        self.exitCode = exitCode
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public func encodedJSON() throws -> Data {
        var data = try ManifestJSON.encoder().encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a manifest written by ``encodedJSON()``.
    public static func decode(from data: Data) throws -> RunManifest {
        try ManifestJSON.decoder().decode(RunManifest.self, from: data)
    }

    /// The file name inside the run folder.
    public static let fileName = "manifest.json"
}

extension RunFolder {
    /// Writes `manifest` atomically as `manifest.json`, filling ``RunManifest/outputs`` from this
    /// folder's records (the manifest does not list itself). Call it last, before ``commit()``.
    /// - Returns: the manifest as written.
    @discardableResult
    public func writeManifest(_ manifest: RunManifest) throws -> RunManifest {
        var m = manifest
        m.outputs = outputs.filter { $0.path != RunManifest.fileName }
        let url = try url(for: RunManifest.fileName)
        do {
            try AtomicFile.write(try m.encodedJSON(), to: url)
        } catch {
            throw RunFolderError.writeFailed(path: url.path, reason: "\(error)")
        }
        return m
    }
}
