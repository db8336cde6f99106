import RetinaCore

/// Errors creating, writing or finishing a run folder.
public enum RunFolderError: ToolError, Equatable {
    /// A user-given run id is not usable as a folder name.
    case invalidRunID(given: String, reason: String)
    /// The final run folder already exists; it is never overwritten.
    case alreadyExists(path: String)
    /// The output folder or the run folder could not be created.
    case cannotCreate(path: String, reason: String)
    /// A file inside the run folder could not be written, read or hashed.
    case writeFailed(path: String, reason: String)
    /// A relative path would leave the run folder (absolute, `..`, empty component).
    case unsafePath(String)
    /// The folder was already committed or abandoned; no more writes are accepted.
    case closed(path: String)

    public var exitCode: Int32 {
        switch self {
        case .invalidRunID: return ExitStatus.usage
        case .alreadyExists, .cannotCreate: return ExitStatus.cannotCreate
        case .writeFailed: return ExitStatus.ioError
        case .unsafePath, .closed: return ExitStatus.software
        }
    }

    public var description: String {
        switch self {
        case .invalidRunID(let given, let reason):
            return "invalid --run-id \"\(given)\": \(reason); expected only letters, digits, '.', '_' and '-' "
                + "(for example 20261129T101500Z-1a2b3c4d)"
        case .alreadyExists(let path):
            return "run folder \(path) already exists; it is never overwritten. "
                + "Choose another --run-id or --output, or move the old run away"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason)"
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .unsafePath(let path):
            return "path \"\(path)\" must be relative to the run folder, without \"..\", \".\" or empty components"
        case .closed(let path):
            return "run folder \(path) is already finished; no more files can be written to it"
        }
    }
}
