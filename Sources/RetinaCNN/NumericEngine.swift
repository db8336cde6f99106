import CKernels
import COpenBLAS

/// Which build of the numeric engine computes on this machine: the C kernels' AVX2/FMA or portable
/// clones (chosen once at load time by the CPU's features, `ck_uses_avx2`) and the OpenBLAS core
/// OpenBLAS picked for this CPU. Results are bitwise reproducible on one engine; across engines they
/// may differ in the last bits (fused multiply-adds, other GEMM blockings), so anything that stores
/// computed numbers for later reuse (the step cache of `run`) keys them by this value.
///
/// Invariant: constant for the life of a process.
public struct NumericEngine: Codable, Sendable, Hashable, CustomStringConvertible {
    /// `avx2-fma` or `portable`.
    public var kernels: String
    /// `openblas_get_corename()`, e.g. `Haswell`, `SkylakeX`.
    public var blasCore: String

    public init(kernels: String, blasCore: String) {
        self.kernels = kernels; self.blasCore = blasCore
    }

    /// The engine of this process.
    public static let current = NumericEngine(
        kernels: ck_uses_avx2() != 0 ? "avx2-fma" : "portable",
        blasCore: openblas_get_corename().map { String(cString: $0) } ?? "unknown")

    /// "avx2-fma kernels, OpenBLAS Haswell".
    public var description: String { "\(kernels) kernels, OpenBLAS \(blasCore)" }
}
