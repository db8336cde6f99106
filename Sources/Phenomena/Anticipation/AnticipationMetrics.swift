import RetinaCore

/// Response of one cell to a flashed bar at one position.
public struct FlashedBarMeasurement: Codable, Sendable, Equatable {
    /// Bar centre, px (absolute).
    public var centrePixels: Double
    /// Peak time after flash onset (parabolic interpolation), ms.
    public var peakLatencyMs: Double?
    /// Interpolated peak rate, Hz.
    public var peakRateHz: Double?
    /// Rate at a common time after onset shared by all positions (Tanaka's profile), Hz.
    public var rateAtCommonTimeHz: Double?
}

/// One point of a moving-bar response profile.
public struct ProfilePoint: Codable, Sendable, Equatable {
    /// Bar centre relative to the RF centre, px, signed along the motion (negative = the bar has not
    /// reached the centre yet).
    public var positionPixels: Double
    public var rateHz: Double
}

/// One cell's response to a drifting bar at one speed and direction.
public struct MovingBarMeasurement: Codable, Sendable, Equatable {
    public var speedPixelsPerFrame: Double
    public var direction: MotionDirection
    /// δ: bar-centre position relative to the RF centre, along the motion, when the response peaks
    /// (parabolic interpolation of the peak row), px. δ ≤ 0: the response leads the bar.
    public var deltaPixels: Double?
    /// δ in µm (55 µm per px).
    public var deltaMicrons: Double?
    /// Interpolated peak rate, Hz.
    public var peakRateHz: Double?
    /// Rate against bar position relative to the RF centre (rows where the bar is within the travel).
    public var profile: [ProfilePoint]
}

/// Motion anticipation of one cell.
public struct AnticipationMetrics: Codable, Sendable, Equatable {
    /// RF centre used along x, px.
    public var rfCentreXPixels: Double
    /// Peak time of the response to the bar flashed at the RF centre (nearest flashed position), ms.
    public var flashLatencyMs: Double?
    /// Flashed-bar spatial profile (absolute positions, sorted).
    public var flashProfile: [FlashedBarMeasurement]
    /// One entry per speed × direction.
    public var moving: [MovingBarMeasurement]
    /// Per speed: mean δ over directions and the lag expected without anticipation.
    public var bySpeed: [AnticipationSpeedSummary]

    /// Peak of a flashed-bar response: argmax in the window after onset, parabolic refinement.
    public static func measureFlash(rateHz y: [Double], events: FlashedBarEvents, clock: RowClock,
                                    settings: AnticipationProtocol) -> FlashedBarMeasurement {
        var m = FlashedBarMeasurement(centrePixels: events.centrePixels)
        if let window = clock.rows(from: settings.flashPeakWindowStartMs, to: settings.flashPeakWindowEndMs,
                                   after: events.onsetFrame, rowCount: y.count),
           let peak = PeakFinding.argmax(y, in: window) {
            let vertex = PeakFinding.parabolicVertex(y, at: peak)
            m.peakLatencyMs = clock.milliseconds(row: vertex.position, after: Double(events.onsetFrame))
            m.peakRateHz = vertex.value
        }
        return m
    }

    /// Flashed-bar profile of one cell: per-position peaks plus, as Tanaka plots it, every
    /// position's rate at the single time after onset where the summed response over positions is
    /// largest. Traces must share one layout (same onset row).
    public static func flashProfile(traces: [[Double]], events: [FlashedBarEvents], clocks: [RowClock],
                                    settings: AnticipationProtocol) -> [FlashedBarMeasurement] {
        var out = zip(traces, zip(events, clocks)).map {
            measureFlash(rateHz: $0, events: $1.0, clock: $1.1, settings: settings)
        }
        let aligned = zip(traces, zip(events, clocks)).map {
            EventAlignedTrace(rateHz: $0, clock: $1.1, eventFrame: $1.0.onsetFrame)
        }
        let mean = EventAlignedTrace.mean(aligned)
        if let window = mean.indices(from: settings.flashPeakWindowStartMs, to: settings.flashPeakWindowEndMs),
           let k = PeakFinding.argmax(mean.rateHz, in: window) {
            let t = mean.timesMs[k]
            for i in out.indices {
                if let j = aligned[i].timesMs.firstIndex(where: { abs($0 - t) < 1e-6 }) {
                    out[i].rateAtCommonTimeHz = aligned[i].rateHz[j]
                }
            }
        }
        return out.sorted { $0.centrePixels < $1.centrePixels }
    }

    /// RF centre estimated from a flashed-bar profile: the position of the largest peak rate,
    /// refined by a parabola through its neighbours when the positions are evenly spaced.
    public static func estimateCentre(profile: [FlashedBarMeasurement]) -> Double? {
        let p = profile.filter { $0.peakRateHz != nil }.sorted { $0.centrePixels < $1.centrePixels }
        guard !p.isEmpty else { return nil }
        let rates = p.map { $0.peakRateHz! }
        guard let i = PeakFinding.argmax(rates, in: 0...(rates.count - 1)) else { return nil }
        guard i > 0, i + 1 < p.count else { return p[i].centrePixels }
        let left = p[i].centrePixels - p[i - 1].centrePixels, right = p[i + 1].centrePixels - p[i].centrePixels
        guard abs(left - right) < 1e-9 else { return p[i].centrePixels }
        return p[i].centrePixels + (PeakFinding.parabolicVertex(rates, at: i).position - Double(i)) * left
    }

    /// δ for one moving-bar trace: the largest rate among rows whose bar centre lies within
    /// ± `peakSearchHalfWidthPixels` of `rfCentreX`, refined by a parabola; δ = sign ·
    /// (bar centre at the interpolated frame − rfCentreX).
    public static func measureMoving(rateHz y: [Double], events: BarEvents, clock: RowClock, rfCentreX: Double,
                                     settings: AnticipationProtocol) -> MovingBarMeasurement {
        let sign = events.direction.sign
        var m = MovingBarMeasurement(speedPixelsPerFrame: events.speedPixelsPerFrame, direction: events.direction,
                                     profile: [])
        var best: Int?
        for i in y.indices {
            guard let x = events.barCentre(atFrame: clock.frame(ofRow: Double(i))) else { continue }
            let rel = sign * (x - rfCentreX)
            if abs(rel) <= settings.travelPixels { m.profile.append(ProfilePoint(positionPixels: rel, rateHz: y[i])) }
            if abs(rel) <= settings.peakSearchHalfWidthPixels, y[i].isFinite, best == nil || y[i] > y[best!] { best = i }
        }
        if let best {
            let vertex = PeakFinding.parabolicVertex(y, at: best)
            if let x = events.barCentre(atFrame: clock.frame(ofRow: vertex.position)) {
                m.deltaPixels = sign * (x - rfCentreX)
                m.deltaMicrons = Units.microns(pixels: m.deltaPixels!)
                m.peakRateHz = vertex.value
            }
        }
        return m
    }

    /// Assembles a cell's metrics. `flashLatencyMs` is taken from the flashed position nearest the
    /// RF centre; the expected lag is `v · L_flash / 10 ms`.
    public static func assemble(rfCentreX: Double, flashProfile: [FlashedBarMeasurement],
                                moving: [MovingBarMeasurement]) -> AnticipationMetrics {
        let nearest = flashProfile.min { abs($0.centrePixels - rfCentreX) < abs($1.centrePixels - rfCentreX) }
        let lFlash = nearest?.peakLatencyMs
        let speeds = Array(Set(moving.map(\.speedPixelsPerFrame))).sorted()
        let summaries = speeds.map { v -> AnticipationSpeedSummary in
            let deltas = moving.filter { $0.speedPixelsPerFrame == v }.compactMap(\.deltaPixels)
            let mean = deltas.count == moving.filter({ $0.speedPixelsPerFrame == v }).count ? Statistics.mean(deltas) : nil
            return AnticipationSpeedSummary(
                speedPixelsPerFrame: v, meanDeltaPixels: mean, meanDeltaMicrons: mean.map { Units.microns(pixels: $0) },
                expectedLagPixels: lFlash.map { v * $0 / Units.frameMilliseconds })
        }
        return AnticipationMetrics(rfCentreXPixels: rfCentreX, flashLatencyMs: lFlash, flashProfile: flashProfile,
                                   moving: moving, bySpeed: summaries)
    }
}

/// δ at one speed, averaged over directions, against the lag expected without anticipation.
public struct AnticipationSpeedSummary: Codable, Sendable, Equatable {
    public var speedPixelsPerFrame: Double
    /// Mean δ over directions, px; nil if any direction had no peak.
    public var meanDeltaPixels: Double?
    public var meanDeltaMicrons: Double?
    /// `v · L_flash`, px: where the peak would be with no anticipation.
    public var expectedLagPixels: Double?
}
