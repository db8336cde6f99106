/// An error a user can act on. Every module's error type conforms; the CLI maps
/// ``exitCode`` to the process exit status in one place (BSD sysexits).
public protocol ToolError: Error, CustomStringConvertible, Sendable {
    /// Process exit status for this error.
    var exitCode: Int32 { get }
}

/// BSD sysexits codes used by the tool.
public enum ExitStatus {
    /// Bad command-line argument or parameter value.
    public static let usage: Int32 = 64
    /// Malformed input data (bad header, wrong shape, NaN weights…).
    public static let dataError: Int32 = 65
    /// A required input file does not exist or cannot be read.
    public static let noInput: Int32 = 66
    /// Internal invariant violated.
    public static let software: Int32 = 70
    /// Output cannot be created (exists, or folder not creatable).
    public static let cannotCreate: Int32 = 73
    /// Write failure.
    public static let ioError: Int32 = 74
}
