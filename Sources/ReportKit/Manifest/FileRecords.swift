import ArrayIO
import Foundation

/// An input file of the run (weights, a stimulus file, a config), as recorded in the manifest.
public struct InputRecord: Hashable, Codable, Sendable {
    /// What the file is for (`model-weights`, `config`).
    public var role: String
    /// The path as the user gave it (absolute or relative to the working directory).
    public var path: String
    /// File size in bytes.
    public var byteSize: Int64
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String

    public init(role: String, path: String, byteSize: Int64, sha256: String) {
        self.role = role
        self.path = path
        self.byteSize = byteSize
        self.sha256 = sha256
    }

    /// Measures and hashes the file at `url`; `path` defaults to `url.path`.
    /// - Throws: `ArrayIOError.fileNotFound` / `.unreadable` (exit 66) when the file cannot be read.
    public static func hashing(role: String, fileAt url: URL, path: String? = nil) throws -> InputRecord {
        let hash = try SHA256.hex(fileAt: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        return InputRecord(role: role, path: path ?? url.path, byteSize: size, sha256: hash)
    }
}

/// A file the run wrote, relative to the run folder.
public struct OutputRecord: Hashable, Codable, Sendable {
    /// Path relative to the run folder (`figures/fig03-osr.png`).
    public var path: String
    /// IANA media type (`image/png`, `application/x-npy`).
    public var mediaType: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// Size in bytes.
    public var byteSize: Int64
    /// Name of the step that wrote it (matches a ``StepRecord/name``).
    public var producedBy: String

    public init(path: String, mediaType: String, sha256: String, byteSize: Int64, producedBy: String) {
        self.path = path
        self.mediaType = mediaType
        self.sha256 = sha256
        self.byteSize = byteSize
        self.producedBy = producedBy
    }
}

/// Media types of the files a run writes.
public enum MediaType {
    /// The media type for `path`'s extension; `application/octet-stream` when unknown.
    public static func forPath(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": return "image/png"
        case "svg": return "image/svg+xml"
        case "pdf": return "application/pdf"
        case "npy": return "application/x-npy"
        case "npz": return "application/zip"
        case "safetensors": return "application/octet-stream"
        case "csv": return "text/csv"
        case "json": return "application/json"
        case "md": return "text/markdown"
        case "html", "htm": return "text/html"
        case "txt", "log": return "text/plain"
        default: return "application/octet-stream"
        }
    }
}
