import COpenBLAS

/// Thin wrapper over OpenBLAS `cblas_sgemm` (row-major).
///
/// OpenBLAS is put in single-threaded mode the first time it is used: on this project's 2-vCPU
/// machines two BLAS threads make the skinny convolution products slower, not faster
/// (docs/toolchain.md §4), so the engine uses both cores by splitting its own work
/// (`DispatchQueue.concurrentPerform`) and calls BLAS from each worker. Concurrent calls are
/// thread-safe and give bitwise the same result as serial ones.
enum BLAS {
    /// Runs once: `openblas_set_num_threads(1)`.
    private static let singleThreaded: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Makes sure OpenBLAS runs single-threaded (idempotent, cheap).
    @inline(__always) static func configure() { _ = singleThreaded }

    /// C = alpha·op(A)·op(B) + beta·C, row-major; op(A) is m×k, op(B) is k×n, C is m×n.
    @inline(__always)
    static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                      alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                      b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if beta == 0 {
                for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
            } else if beta != 1 {
                for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } }
            }
            return
        }
        configure()
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
