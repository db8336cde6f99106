import RetinaSimulation

/// The planted pathways of the simulated retina as temporal reference kernels for
/// ``ChannelTyping`` (docs/ground-truth-retina.md §2–3, §10).
///
/// Each kernel is the linear filter the pathway applies to contrast `s`, in lag order (index n =
/// n · 10 ms before the response), `taps` long:
/// - "OFF fast" = `−f_off` (the OFF bipolar filters `−s`);
/// - "ON fast" = `f_onf`, "ON slow" = `f_ons`;
/// - "amacrine" = `−(k_A ∗ f_off)`: the OFF-driven wide-field amacrine, linearised (its threshold and
///   spatial pooling dropped), i.e. a delayed OFF-like filter; it acts as inhibition downstream.
public enum GroundTruthReferenceKernels {
    public static func kernels(_ p: RetinaParameters = .salamander, taps: Int = TemporalKernel.defaultTaps) -> [String: [Double]] {
        let off = p.offKernel.taps(taps).map { -$0 }
        let amacrine = TemporalKernel.causalFilter(off, kernel: p.amacrineKernel.taps(taps))
        return ["OFF fast": off, "ON fast": p.onFastKernel.taps(taps), "ON slow": p.onSlowKernel.taps(taps), "amacrine": amacrine]
    }
}
