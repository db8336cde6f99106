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
            // Something may be there that cannot be followed (a looping or dangling symbolic link).
            var info = stat()
            if lstat(path, &info) == 0, stat(path, &info) != 0 {
                throw RecordingError.cannotOpen(path: path, reason: "a symbolic link that cannot be followed: \(String(cString: strerror(errno)))")
            }
            throw RecordingError.cannotOpen(path: path, reason: "the file does not exist")
        }
        // An option the chosen reader does not use is refused, not ignored: `--series` with a
        // deep-retina file trained on whatever the file held, not the series the user named.
        func refuse(_ option: String, _ value: String?, format: String, usedWith: String) throws {
            guard let value else { return }
            throw RecordingError.invalidSelection(option: option, expected: "no \(option) with '\(path)', a \(format) (\(option) is for \(usedWith))", found: "'\(value)'")
        }
        if isFolder.boolValue {
            try refuse("--series", options.series, format: "folder of NPY arrays", usedWith: "an NWB file")
            try refuse("--responses", options.responses, format: "folder of NPY arrays (its responses are responses.npy)", usedWith: "a stimulus .npy")
            return try NPYPairReader.read(folder: URL(fileURLWithPath: path))
        }
        if path.lowercased().hasSuffix(".npy") {
            try refuse("--series", options.series, format: "stimulus .npy", usedWith: "an NWB file")
            guard let r = options.responses else {
                throw RecordingError.invalidSelection(option: "--responses", expected: "the (T, cells) responses .npy for stimulus '\(path)'", found: "nothing")
            }
            return try NPYPairReader.read(stimulus: URL(fileURLWithPath: path), responses: URL(fileURLWithPath: r))
        }
        try refuse("--responses", options.responses, format: "HDF5 file", usedWith: "a stimulus .npy")
        if path.lowercased().hasSuffix(".nwb") { return try NWBReader.read(path: path, series: options.series) }
        let probe = try HDF5File(readingAt: path)
        if probe.isGroup("/units") && probe.isGroup("/stimulus") { return try NWBReader.read(path: path, series: options.series) }
        try refuse("--series", options.series, format: "deep-retina HDF5 file", usedWith: "an NWB file's stimulus series")
        return try DeepRetinaReader.read(path: path, responseType: options.responseType)
    }
}
