import Foundation

/// Writes a file so that it either appears complete or not at all: the bytes go to a hidden temporary
/// file in the target folder (same file system), which is then renamed over the target. On any failure
/// the temporary file is removed and nothing is left behind.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.cannotCreate(path: url.path, reason: "folder '\(folder.path)' does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw RenderError.cannotCreate(path: url.path, reason: "cannot create a temporary file in '\(folder.path)' (permission denied or read-only)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError.writeFailed(path: url.path, reason: "\(error)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError.writeFailed(path: url.path, reason: "rename from temporary file failed: \(reason)")
        }
    }
}
