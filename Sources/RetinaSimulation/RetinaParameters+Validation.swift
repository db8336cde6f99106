extension RetinaParameters {
    /// Largest `kernelTaps` accepted from a file (10⁴ taps = 100 s of kernel; the model uses 60).
    public static let maximumKernelTaps = 10_000

    /// ``validate()`` plus physical ranges for every number, for parameters read from a file (a
    /// model card): all values finite; time constants 0 < τ ≤ 10⁴ ms; kernel orders 0 < n ≤ 100;
    /// undershoots 0 … 10; pooling SDs 0 … 10³ px; thresholds and weights within ±10³; R_max
    /// 0 < R ≤ 10⁴ Hz; β 0 < β ≤ 10³; kernelTaps 2 … ``maximumKernelTaps``.
    /// Throws ``SimulationError/invalidParameter(name:expected:found:)`` naming the field.
    public func validatePhysicalRanges() throws {
        func check(_ ok: Bool, _ name: String, _ expected: String, _ found: Any) throws {
            if !ok { throw SimulationError.invalidParameter(name: name, expected: expected, found: "\(found)") }
        }
        func range(_ x: Double, _ name: String, _ lower: Double, _ upper: Double, open: Bool = false) throws {
            let ok = x.isFinite && (open ? x > lower : x >= lower) && x <= upper
            try check(ok, name, "a finite value in \(open ? "(" : "[")\(lower), \(upper)]", x)
        }
        for (name, k) in [("offKernel", offKernel), ("onFastKernel", onFastKernel), ("onSlowKernel", onSlowKernel)] {
            try range(k.tauMilliseconds, "\(name).tauMilliseconds", 0, 1e4, open: true)
            try range(k.order, "\(name).order", 0, 100, open: true)
            try range(k.undershoot, "\(name).undershoot", 0, 10)
        }
        try range(amacrineKernel.tauMilliseconds, "amacrineKernel.tauMilliseconds", 0, 1e4, open: true)
        try range(amacrineKernel.order, "amacrineKernel.order", 0, 100, open: true)
        try range(bipolarSigmaPixels, "bipolarSigmaPixels", 0, 1e3)
        try range(amacrineSigmaPixels, "amacrineSigmaPixels", 0, 1e3)
        for (name, x) in [("offThreshold", offThreshold), ("onThreshold", onThreshold), ("amacrineThreshold", amacrineThreshold),
                          ("onFastWeight", onFastWeight), ("onSlowWeight", onSlowWeight), ("amacrineOnGating", amacrineOnGating),
                          ("offToGanglionWeight", offToGanglionWeight), ("outputThreshold", outputThreshold)] {
            try range(x, name, -1e3, 1e3)
        }
        try range(maximumRateHz, "maximumRateHz", 0, 1e4, open: true)
        try range(softplusBeta, "softplusBeta", 0, 1e3, open: true)
        try check(kernelTaps >= 2 && kernelTaps <= Self.maximumKernelTaps, "kernelTaps", "2 … \(Self.maximumKernelTaps)", kernelTaps)
        try validate()
    }
}
