import Foundation

/// Opens any supported recording by its name and content: a folder (or `.npy` stimulus with
/// `responses`) → NPY pair; `.nwb`, or an HDF5 file with `/units` → NWB; other HDF5 → deep-retina.
public enum RecordingReader {
    public struct Options: Sendable {
        /// deep-retina response dataset (`firing_rate_10ms`, `binned`, …); nil = first available.
        public var responseType: String?
        /// NWB stimulus series name; nil = the only non-test series.
        public var series: String?
        /// For a `.npy` stimulus: its responses file.
        public var responses: String?
        public init(responseType: String? = nil, series: String? = nil, responses: String? = nil) {
            self.responseType = responseType; self.series = series; self.responses = responses
        }
    }

    public static func read(path: String, options: Options = .init()) throws -> Recording {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw RecordingError.cannotOpen(path: path, reason: "the file does not exist")
        }
        if isFolder.boolValue { return try NPYPairReader.read(folder: URL(fileURLWithPath: path)) }
        if path.lowercased().hasSuffix(".npy") {
            guard let r = options.responses else {
                throw RecordingError.invalidSelection(option: "--responses", expected: "the (T, cells) responses .npy for stimulus '\(path)'", found: "nothing")
            }
            return try NPYPairReader.read(stimulus: URL(fileURLWithPath: path), responses: URL(fileURLWithPath: r))
        }
        if path.lowercased().hasSuffix(".nwb") { return try NWBReader.read(path: path, series: options.series) }
        let probe = try HDF5File(readingAt: path)
        if probe.isGroup("/units") && probe.isGroup("/stimulus") { return try NWBReader.read(path: path, series: options.series) }
        return try DeepRetinaReader.read(path: path, responseType: options.responseType)
    }
}
