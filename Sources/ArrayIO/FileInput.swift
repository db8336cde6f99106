import Foundation

/// Reading whole input files with errors that say which file and why.
enum FileInput {
    /// The bytes of `url`. Errors (exit 66): `fileNotFound` if nothing is there, `unreadable` for a
    /// folder, missing permissions or an I/O error.
    static func read(_ url: URL) throws -> Data {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ArrayIOError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw ArrayIOError.unreadable(path: path, reason: "it is a folder, expected a file")
        }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ArrayIOError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}
