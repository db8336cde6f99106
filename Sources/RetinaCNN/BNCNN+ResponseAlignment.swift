extension BNCNN {
    /// The same model with its rows on the frame of the response they predict: a model trained with
    /// a pairing of lag `L` (``ResponsePairing/nextBin``: L = 1) predicts from the window ending at
    /// frame n the response at frame n + L. Its conv1 gets `L` zero taps appended at the newest end
    /// (history T + L), so the window ending at frame n + L sees exactly the original window ending
    /// at n: row i of the result equals row i of the original model, and its newest frame — the
    /// frame every analysis reads as the row's time — is the response's frame. Exact (zeros added,
    /// nothing rounded); lag 0 returns the model unchanged.
    public func alignedToResponses(_ pairing: ResponsePairing) throws -> BNCNN {
        let lag = pairing.lagFrames
        guard lag > 0 else { return self }
        var a = architecture
        let t = a.historyFrames, k2 = a.conv1Kernel * a.conv1Kernel
        a.historyFrames = t + lag
        var p = parameters
        var w = [Float](repeating: 0, count: a.conv1Channels * (t + lag) * k2)
        for c in 0..<a.conv1Channels {
            for tap in 0..<t {
                let from = (c * t + tap) * k2, to = (c * (t + lag) + tap) * k2
                w.replaceSubrange(to..<(to + k2), with: p.conv1Weight[from..<(from + k2)])
            }
        }
        p.conv1Weight = w
        return try BNCNN(architecture: a, parameters: p, cellCentres: cellCentres)
    }
}
