import RetinaCore

/// Errors of the file-format layer. Every message names the file (`path`), the tensor or key when there
/// is one, and the expected versus the found value.
///
/// Exit codes (BSD sysexits, see `RetinaCore.ExitStatus`): 66 for a missing or unreadable file, 65 for
/// malformed content or a value that does not fit the request, 73 when an output cannot be created,
/// 74 when writing fails part-way.
public enum ArrayIOError: ToolError, Equatable {
    /// The input file does not exist.
    case fileNotFound(path: String)
    /// The input file exists but cannot be read (permissions, a folder, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file ends before the structure it declares (`what` says which part).
    case truncated(path: String, what: String, expectedBytes: Int, foundBytes: Int)
    /// The file header (safetensors JSON or NPY preamble/dict) is malformed.
    case malformedHeader(path: String, reason: String)
    /// A file's content (e.g. a JSON document) does not match what the reader expects.
    case malformedContent(path: String, reason: String)
    /// One tensor entry is malformed (a missing or wrong-typed field, bad offsets, a size mismatch…).
    case invalidTensor(path: String, tensor: String, reason: String)
    /// A dtype this reader does not know or does not accept here.
    case unsupportedDType(path: String, tensor: String, found: String, expected: String)
    /// A `__metadata__` entry is malformed (metadata values must be strings).
    case invalidMetadata(path: String, key: String, reason: String)
    /// A requested tensor is absent.
    case missingTensor(path: String, tensor: String, available: [String])
    /// A tensor has a different shape than the caller expects.
    case shapeMismatch(path: String, tensor: String, expected: [Int], found: [Int])
    /// A tensor holds NaN or ±Infinity where finite values are required.
    case nonFinite(path: String, tensor: String, index: Int, value: String)
    /// An in-memory value cannot be encoded (e.g. `values.count` ≠ product of `shape`).
    case invalidValue(what: String, reason: String)
    /// The output file cannot be created (missing folder, permissions).
    case cannotCreate(path: String, reason: String)
    /// Writing, flushing or renaming the output failed.
    case writeFailed(path: String, reason: String)

    public var exitCode: Int32 {
        switch self {
        case .fileNotFound, .unreadable:
            return ExitStatus.noInput
        case .truncated, .malformedHeader, .malformedContent, .invalidTensor, .unsupportedDType, .invalidMetadata,
             .missingTensor, .shapeMismatch, .nonFinite, .invalidValue:
            return ExitStatus.dataError
        case .cannotCreate:
            return ExitStatus.cannotCreate
        case .writeFailed:
            return ExitStatus.ioError
        }
    }

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "file '\(path)' does not exist"
        case let .unreadable(path, reason):
            return "cannot read file '\(path)': \(reason)"
        case let .truncated(path, what, expected, found):
            return "file '\(path)' is truncated: \(what) needs \(expected) bytes, found \(found)"
        case let .malformedHeader(path, reason):
            return "file '\(path)' has a malformed header: \(reason)"
        case let .malformedContent(path, reason):
            return "file '\(path)' has malformed content: \(reason)"
        case let .invalidTensor(path, tensor, reason):
            return "tensor '\(tensor)' in file '\(path)' is invalid: \(reason)"
        case let .unsupportedDType(path, tensor, found, expected):
            return "tensor '\(tensor)' in file '\(path)' has dtype '\(found)', expected \(expected)"
        case let .invalidMetadata(path, key, reason):
            return "metadata key '\(key)' in file '\(path)' is invalid: \(reason)"
        case let .missingTensor(path, tensor, available):
            let list = available.isEmpty ? "none" : available.map { "'\($0)'" }.joined(separator: ", ")
            return "tensor '\(tensor)' is missing from file '\(path)' (available: \(list))"
        case let .shapeMismatch(path, tensor, expected, found):
            return "tensor '\(tensor)' in file '\(path)' has shape \(found), expected \(expected)"
        case let .nonFinite(path, tensor, index, value):
            return "tensor '\(tensor)' in file '\(path)' contains \(value) at index \(index)"
        case let .invalidValue(what, reason):
            return "cannot encode \(what): \(reason)"
        case let .cannotCreate(path, reason):
            return "cannot create file '\(path)': \(reason)"
        case let .writeFailed(path, reason):
            return "writing file '\(path)' failed: \(reason)"
        }
    }
}
