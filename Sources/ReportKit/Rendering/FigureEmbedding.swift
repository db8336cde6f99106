import Foundation

/// Reads figure files from the run folder and turns them into `data:` URIs for the HTML report.
enum FigureEmbedding {
    /// The media type for a figure file, from its extension (`png`, `svg`, `pdf`, `jpg`).
    static func mediaType(ofPath path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": return "image/png"
        case "svg": return "image/svg+xml"
        case "pdf": return "application/pdf"
        case "jpg", "jpeg": return "image/jpeg"
        default: return "application/octet-stream"
        }
    }

    /// `data:<type>;base64,<bytes>` for the file at `root/relativePath`, or `nil` when it cannot be read.
    static func dataURI(relativePath: String, root: URL) -> String? {
        guard RelativePath.isSafe(relativePath),
              let data = try? Data(contentsOf: root.appendingPathComponent(relativePath)),
              !data.isEmpty else { return nil }
        return "data:" + mediaType(ofPath: relativePath) + ";base64," + data.base64EncodedString()
    }

    /// `true` when `root/relativePath` is an existing regular file.
    static func exists(relativePath: String, root: URL) -> Bool {
        guard RelativePath.isSafe(relativePath) else { return false }
        var isDirectory: ObjCBool = false
        let ok = FileManager.default.fileExists(
            atPath: root.appendingPathComponent(relativePath).path, isDirectory: &isDirectory)
        return ok && !isDirectory.boolValue
    }
}
