/// A growable, manually managed scratch buffer of `Float`s, owned by one worker at a time.
///
/// Workspaces are reused across calls so that the hot loops never allocate (fresh pages cost
/// about as much as the arithmetic on them). Contents are undefined after `reserve`.
final class FloatBuffer: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// Returns a pointer to at least `count` floats (old contents are discarded when it grows).
    @discardableResult
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            capacity = count
            pointer = .allocate(capacity: count)
        }
        return pointer
    }

    /// Returns a pointer to `count` zeroed floats.
    func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = reserve(count)
        p.update(repeating: 0, count: count)
        return p
    }
}
