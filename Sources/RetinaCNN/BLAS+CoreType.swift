import CKernels
import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Which OpenBLAS kernel family (its "core type") this process runs, and the one correction the
/// tool makes to OpenBLAS's own choice (docs/toolchain.md §4).
///
/// Debian's OpenBLAS (0.3.21, `DYNAMIC_ARCH`) picks its kernels from the CPU model when it loads. On a
/// CPU model it does not know — the "Intel Xeon Processor" of this project's 2-core machines is one —
/// it falls back to **Prescott**, SSE3 kernels, although the CPU has AVX2, FMA and AVX-512. Measured on
/// such a machine: the same binary with `OPENBLAS_CORETYPE=Haswell` trains 22 % faster (847 against
/// 696 samples/s), runs layer-1 IG 37 % faster and the reversal analysis about 25 % faster. The library
/// reads the variable only when it loads, before `main`, so the executable re-executes itself once
/// with the variable set (`reexecutingForPreferredCoreType`). Every core type gives correct products;
/// they may differ in the last bits (a run's manifest records the core type, `runtimeDescription`).
public enum BLASCoreType {
    /// The variable OpenBLAS reads at load time.
    public static let environmentVariable = "OPENBLAS_CORETYPE"
    /// Set beside `OPENBLAS_CORETYPE` by the re-execution, to the core type OpenBLAS had detected.
    public static let detectedVariable = "RETINA_REPORT_BLAS_DETECTED"
    /// The AVX2/FMA kernel family the tool asks for (faster than AVX-512 "SkylakeX"/"Cooperlake" on the
    /// CNN's skinny products, docs/toolchain.md §4).
    public static let preferred = "Haswell"

    /// OpenBLAS kernel families without AVX2: a CPU with AVX2 and FMA that gets one of these was not
    /// recognised (or its vector state was not detected) and falls back to slower kernels.
    public static let preAVX2Families: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "sandybridge"]

    /// The kernel family to force, or nil to keep OpenBLAS's choice: `preferred` exactly when the user
    /// has not set `OPENBLAS_CORETYPE` (any value, even empty, is theirs to keep), OpenBLAS chose a
    /// pre-AVX2 family (`preAVX2Families`, case-insensitive) and the CPU has AVX2 and FMA.
    public static func override(detected: String, environmentValue: String?, cpuHasAVX2FMA: Bool) -> String? {
        guard environmentValue == nil, cpuHasAVX2FMA,
              preAVX2Families.contains(detected.lowercased()) else { return nil }
        return preferred
    }

    /// The kernel family OpenBLAS loaded in this process (`openblas_get_corename`), e.g. `Haswell`.
    public static var loaded: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's build line (`openblas_get_config`), e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH …`.
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// True when this CPU has AVX2 and FMA (x86-64; false elsewhere).
    public static var cpuHasAVX2FMA: Bool { ck_cpu_has_avx2_fma() != 0 }

    /// For the manifest: the library, its kernel family and how it was chosen, e.g.
    /// `OpenBLAS 0.3.21, Haswell kernels (set by retina-report: OpenBLAS detected Prescott on an AVX2/FMA CPU)`.
    public static var runtimeDescription: String {
        let version = configuration.split(separator: " ").prefix(2).joined(separator: " ")
        let environment = getenv(environmentVariable).map { String(cString: $0) }
        let how: String
        if let detected = getenv(detectedVariable).map({ String(cString: $0) }), environment == preferred {
            how = "set by retina-report: OpenBLAS detected \(detected) on an AVX2/FMA CPU"
        } else if let environment {
            how = "\(environmentVariable)=\(environment) from the environment"
        } else {
            how = "detected by OpenBLAS"
        }
        return "\(version), \(loaded) kernels (\(how))"
    }

    /// Re-executes this process (`/proc/self/exe`, the same arguments and environment plus
    /// `OPENBLAS_CORETYPE=Haswell` and `RETINA_REPORT_BLAS_DETECTED`) when `override` asks for it;
    /// returns without doing anything otherwise, and also when the re-execution fails (the process
    /// then runs on OpenBLAS's own choice). Call it first thing in `main`, before any output, file or
    /// thread exists. The new process finds the variable set and does not re-execute again.
    public static func reexecutingForPreferredCoreType() {
        #if os(Linux)
        let environment = getenv(environmentVariable).map { String(cString: $0) }
        let detected = loaded
        guard let coreType = override(detected: detected, environmentValue: environment, cpuHasAVX2FMA: cpuHasAVX2FMA) else { return }
        setenv(environmentVariable, coreType, 1)
        setenv(detectedVariable, detected, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when exec failed: run on as we are, without claiming the override.
        unsetenv(environmentVariable)
        unsetenv(detectedVariable)
        #endif
    }
}
