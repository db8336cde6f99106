import Foundation

/// Per-worker scratch buffers of the engine (reused across calls; see `FloatBuffer`).
final class Workspace: @unchecked Sendable {
    let scratch = FloatBuffer()
    let spectra = FloatBuffer()
    let spectra2 = FloatBuffer()
    let frames = FloatBuffer()
    let h1 = FloatBuffer()
    let h2 = FloatBuffer()
    let h2Grad = FloatBuffer()
    let dense = FloatBuffer()
    let denseGrad = FloatBuffer()
    let layer1 = FloatBuffer()
    let layer1Grad = FloatBuffer()
}

/// A small thread-safe pool so concurrent calls on one model each get their own workspace.
final class WorkspacePool: @unchecked Sendable {
    private var free: [Workspace] = []
    private let lock = NSLock()

    func take() -> Workspace {
        lock.lock(); defer { lock.unlock() }
        return free.popLast() ?? Workspace()
    }

    func put(_ w: Workspace) {
        lock.lock(); defer { lock.unlock() }
        if free.count < 4 { free.append(w) }
    }
}
