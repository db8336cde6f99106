import Foundation

/// Where reporters write text: standard error, or a buffer in tests.
public protocol TextSink: AnyObject, Sendable {
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
}

/// Writes to a file descriptor, unbuffered (default: standard error, descriptor 2).
public final class FileDescriptorSink: TextSink {
    private let handle: FileHandle

    public init(fileDescriptor: Int32 = 2) {
        handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
    }

    public func write(_ text: String) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// Collects everything written; thread-safe. For tests and for capturing a log.
public final class BufferSink: TextSink, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    public init() {}

    public func write(_ text: String) { lock.withLock { buffer += text } }

    /// Everything written so far.
    public var text: String { lock.withLock { buffer } }
}
