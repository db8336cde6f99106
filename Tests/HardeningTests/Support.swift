import Foundation
import XCTest

/// The package root (three levels above this file).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shippedModel = packageRoot.appendingPathComponent("Assets/model/bncnn-groundtruth.safetensors")

/// The `retina-report` executable built next to the test bundle (`swift build --build-tests` and
/// `swift test` build it), or the one named by the environment variable `RETINA_REPORT_BINARY`
/// (to run these tests against another build, e.g. an older commit).
func toolExecutable(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    if let override = ProcessInfo.processInfo.environment["RETINA_REPORT_BINARY"] {
        return URL(fileURLWithPath: override)
    }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("retina-report")
    let candidates = [beside, packageRoot.appendingPathComponent(".build/debug/retina-report")]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        XCTFail("retina-report executable not built (looked at \(candidates.map(\.path)))", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }
    return found
}

/// `XDG_CACHE_HOME` of the tools these tests start: a folder of this test process under the
/// temporary directory, so `run`'s default step cache never lands in the user's home.
let testCacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("HardeningTests-cache-\(getpid())", isDirectory: true)

/// A finished or signalled run of the tool.
struct ToolRun {
    var status: Int32
    var stderr: String
    /// Standard output (only with `captureStandardOutput`; otherwise empty).
    var stdout: String = ""
}

/// Runs the tool with `arguments` in `directory`; `whileRunning` is called with the process once
/// it started (to send it a signal). Waits at most `timeout` seconds (then kills it and fails).
/// `environment` sets (a value) or removes (nil) variables of the tool's environment.
@discardableResult
func runTool(_ arguments: [String], in directory: URL, timeout: TimeInterval = 120, captureStandardOutput: Bool = false,
             environment changes: [String: String?] = [:], whileRunning: ((Process) -> Void)? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> ToolRun {
    let process = Process()
    process.executableURL = try toolExecutable(file: file, line: line)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    // `run`'s step cache goes to a folder of this test process, not the user's ~/.cache.
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = testCacheHome.path
    for (name, value) in changes { environment[name] = value }
    process.environment = environment
    let errorPipe = Pipe()
    process.standardError = errorPipe
    let outputPipe = Pipe()
    process.standardOutput = captureStandardOutput ? outputPipe : FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errorData = LockedData(), outputData = LockedData()
    let reader = Thread { errorData.set(errorPipe.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    if captureStandardOutput {
        Thread { outputData.set(outputPipe.fileHandleForReading.readDataToEndOfFile()) }.start()
    } else {
        outputData.set(Data())
    }
    whileRunning?(process)
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
        process.terminate(); kill(process.processIdentifier, SIGKILL)
        XCTFail("retina-report \(arguments.joined(separator: " ")) did not finish within \(timeout) s", file: file, line: line)
    }
    process.waitUntilExit()
    while !errorData.isSet || !outputData.isSet { usleep(5_000) }
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return ToolRun(status: status, stderr: String(decoding: errorData.value, as: UTF8.self), stdout: String(decoding: outputData.value, as: UTF8.self))
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.withLock { data = d } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}

/// A fresh folder under the system temp directory, removed at the end of the test.
func makeScratchFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("HardeningTests-\(UUID().uuidString.prefix(8))", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Names in `folder` (hidden ones included), sorted.
func entries(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}
