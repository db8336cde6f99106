/// A progress event of a training run, delivered to an observer closure (the CLI turns it into
/// a live terminal line or plain log lines).
public struct TrainingProgress: Sendable, Equatable {
    public enum Phase: String, Sendable, Equatable {
        case simulatingData = "simulating data"
        case training
        case testing = "held-out test"
        case phenomena = "phenomenon check"
        case finished
    }

    public var phase: Phase
    public var step: Int
    public var totalSteps: Int
    public var samples: Int
    /// Exponential moving average of the training Poisson loss (Hz units).
    public var loss: Double?
    public var learningRate: Double?
    /// Latest and best validation correlation (mean over cells).
    public var validationCorrelation: Double?
    public var bestValidationCorrelation: Double?
    public var elapsedSeconds: Double
    /// Estimated seconds left in the training phase.
    public var etaSeconds: Double?
    public var message: String?

    public init(phase: Phase, step: Int = 0, totalSteps: Int = 0, samples: Int = 0, loss: Double? = nil,
                learningRate: Double? = nil, validationCorrelation: Double? = nil,
                bestValidationCorrelation: Double? = nil, elapsedSeconds: Double = 0,
                etaSeconds: Double? = nil, message: String? = nil) {
        self.phase = phase; self.step = step; self.totalSteps = totalSteps; self.samples = samples
        self.loss = loss; self.learningRate = learningRate; self.validationCorrelation = validationCorrelation
        self.bestValidationCorrelation = bestValidationCorrelation; self.elapsedSeconds = elapsedSeconds
        self.etaSeconds = etaSeconds; self.message = message
    }

    /// One human-readable line: "step 1200/4688  loss 2.314  val r 0.912 (best 0.915)  lr 8.1e-4  3:12 elapsed, ETA 9:40".
    public var line: String {
        var parts: [String] = []
        if phase == .training {
            parts.append("step \(step)/\(totalSteps)")
            if let loss { parts.append("loss " + fixed(loss, 3)) }
            if let r = validationCorrelation {
                parts.append("val r " + fixed(r, 3) + (bestValidationCorrelation.map { " (best " + fixed($0, 3) + ")" } ?? ""))
            }
            if let lr = learningRate { parts.append("lr " + scientific(lr)) }
        } else {
            parts.append(phase.rawValue)
        }
        if let message { parts.append(message) }
        var time = clock(elapsedSeconds) + " elapsed"
        if let eta = etaSeconds { time += ", ETA " + clock(eta) }
        parts.append(time)
        return parts.joined(separator: "  ")
    }

    private func fixed(_ x: Double, _ digits: Int) -> String {
        let p = pow10(digits)
        let v = (x * p).rounded() / p
        var s = String(v)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
        }
        return s
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }

    private func scientific(_ x: Double) -> String {
        guard x > 0 else { return "0" }
        var e = 0, m = x
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        m = (m * 10).rounded() / 10
        if m >= 10 { m /= 10; e += 1 }
        return fixed(m, 1) + "e" + String(e)
    }

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let h = s / 3600, m = (s % 3600) / 60, sec = s % 60
        let mm = m < 10 && h > 0 ? "0\(m)" : "\(m)", ss = sec < 10 ? "0\(sec)" : "\(sec)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(mm):\(ss)"
    }
}
