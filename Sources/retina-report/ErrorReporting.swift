import ArgumentParser
import Foundation
import RetinaCore

/// The one place where errors become a message on stderr and a process exit status:
/// typed ``ToolError``s use their ``ToolError/exitCode``; `ValidationError` (64) and `ExitCode` pass
/// to ArgumentParser unchanged; a Foundation file error becomes one sentence with 73 (cannot create),
/// 66 (missing input) or 74 (write error); anything else is an internal error (70). No error ends in
/// ArgumentParser's generic exit 1 with a raw `NSCocoaErrorDomain` dump.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ToolError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode(error.exitCode)
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch let error as CocoaError {
        let (message, code) = describe(error)
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        throw ExitCode(code)
    } catch {
        FileHandle.standardError.write(Data("error: internal error: \(error)\n".utf8))
        throw ExitCode(ExitStatus.software)
    }
}

/// A sentence and an exit status for a Foundation file error.
func describe(_ error: CocoaError) -> (String, Int32) {
    let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
    let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError)
        .flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
    let reason = underlying.map { ": \($0)" } ?? ""
    switch error.code {
    case .fileNoSuchFile, .fileReadNoSuchFile:
        return ("'\(path)' does not exist\(reason)", ExitStatus.noInput)
    case .fileReadNoPermission, .fileReadUnknown, .fileReadCorruptFile, .fileReadInvalidFileName:
        return ("cannot read '\(path)'\(reason)", ExitStatus.noInput)
    case .fileWriteOutOfSpace, .fileWriteUnknown, .fileWriteVolumeReadOnly:
        return ("cannot write '\(path)'\(reason.isEmpty ? " (no space left or read-only)" : reason)", ExitStatus.ioError)
    default:
        return ("cannot create or write '\(path)'\(reason)", ExitStatus.cannotCreate)
    }
}

/// Writes a line to stderr (progress and notes never go to stdout).
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
