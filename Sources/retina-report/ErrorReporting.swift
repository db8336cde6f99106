import ArgumentParser
import Foundation
import RetinaCore

/// The one place where typed errors become a message on stderr and a process exit status.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ToolError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

/// Writes a line to stderr (progress and notes never go to stdout).
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
