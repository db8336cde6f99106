/// A cache-friendly layout for many planar spectra on one grid (frame spectra, conv1 kernel
/// spectra): the bins are cut into blocks of `blockBins`, and block k of all M spectra is stored
/// together, spectrum m at `(k·M + m)·2·blockBins` (real values, then imaginary values).
///
/// Why: conv1 of a window reads its T consecutive frame spectra and all C1·T kernel spectra. In
/// the plain layout those are 8 + 320 scattered streams per bin range and the kernel spectra
/// (3.3 MB for the paper's sizes) fall out of cache between windows. In this layout a window's T
/// frames of one block are one contiguous run (20 KB) and one block of all kernel spectra
/// (164 KB) stays in L2 while every window of a batch passes over it.
struct SpectrumBlocks: Sendable {
    static let blockBins = 64
    let grid: DFTGrid
    /// Number of spectra M.
    let count: Int

    var blocks: Int { (grid.bins + Self.blockBins - 1) / Self.blockBins }
    /// Floats of the whole layout.
    var floats: Int { blocks * count * 2 * Self.blockBins }
    /// Bins in block k (the last one may be short).
    func length(_ k: Int) -> Int { min(Self.blockBins, grid.bins - k * Self.blockBins) }
    /// Offset of block k of spectrum m.
    func offset(block k: Int, spectrum m: Int) -> Int { (k * count + m) * 2 * Self.blockBins }

    /// Copies `n` plain planar spectra (at `source`, `grid.spectrumFloats` apart) to spectra
    /// `first ..< first + n` of the blocked array at `base`.
    func scatter(from source: UnsafePointer<Float>, n: Int, first: Int, into base: UnsafeMutablePointer<Float>) {
        let bins = grid.bins, s = grid.spectrumFloats, nb = Self.blockBins
        for k in 0..<blocks {
            let len = length(k)
            for m in 0..<n {
                let src = source + m * s + k * nb
                let dst = base + offset(block: k, spectrum: first + m)
                dst.update(from: src, count: len)
                (dst + nb).update(from: src + bins, count: len)
            }
        }
    }
}
