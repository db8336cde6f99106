import Foundation

/// Write-then-rename file output, so no reader ever sees a half-written file.
///
/// Local stand-in until `ArrayIO.AtomicFile` lands on main.
enum AtomicWrite {
    /// Writes `data` to a temporary sibling of `url` (`.<name>.tmp-<random>`), then renames it over
    /// `url`. Creates missing parent folders. On failure the temporary file is removed.
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "rename to \(url.path) failed: \(String(cString: strerror(errno)))",
                ])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }
}
