/// Defaults shared by the phenomenon protocols that are not a model's property.
public enum ProtocolDefaults {
    /// Gray frames before every stimulus, at least: 40 (400 ms). Not the model's window — every
    /// condition raises it to the analysed model's own `historyFrames` (`max(leadInFrames,
    /// historyFrames)`), so a 60-frame model sees 60 gray frames and the default stays valid for
    /// any window.
    public static let minimumLeadInFrames = 40
    /// Taps of the linear filter the adaptation gain is fitted with, frames (400 ms). A property of
    /// the measurement, not of the model: the same filter length is fitted to the retina and to every
    /// model, whatever their windows, so their gains are comparable (the criteria were calibrated
    /// with it, docs/ground-truth-retina.md).
    public static let adaptationFilterFrames = 40
}
