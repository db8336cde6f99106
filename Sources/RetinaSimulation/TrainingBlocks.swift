import RetinaCore

/// Natural-scene block (``NaturalSceneSettings``).
enum NaturalSceneBlock {
    static func fill(_ out: UnsafeMutablePointer<Float>, frames: Int, height H: Int, width W: Int,
                     settings s: NaturalSceneSettings, random rng: inout SeededRandom) {
        var t = 0
        let n = Double(s.imageSizePixels)
        while t < frames {
            // Saccade: new fixation length, image, window position and luminance offset.
            let seconds = s.fixationMinimumSeconds + rng.exponential(mean: max(1e-9, s.fixationMeanSeconds - s.fixationMinimumSeconds))
            let length = max(1, Int((seconds / Units.frameSeconds).rounded()))
            let image = PinkNoiseImage(sizePixels: s.imageSizePixels, spectralExponent: s.spectralExponent,
                                       rmsContrast: s.rmsContrast, random: &rng)
            var y0 = rng.uniform(0, n), x0 = rng.uniform(0, n)
            let offset = Float(s.luminanceOffsetSD * rng.normal())
            for f in t..<min(frames, t + length) {
                if f > t {
                    y0 += s.jitterPixelsPerFrame * rng.normal()
                    x0 += s.jitterPixelsPerFrame * rng.normal()
                }
                let frame = out + f * H * W
                for y in 0..<H {
                    for x in 0..<W {
                        let v = image.sample(y: y0 + Double(y), x: x0 + Double(x)) + offset
                        frame[y * W + x] = min(max(v, -1), 1)
                    }
                }
            }
            t += length
        }
    }
}

/// Binary white-noise checkerboard block (``WhiteNoiseSettings``).
enum WhiteNoiseBlock {
    static func fill(_ out: UnsafeMutablePointer<Float>, frames: Int, height H: Int, width W: Int,
                     settings s: WhiteNoiseSettings, random rng: inout SeededRandom) {
        let c = s.checkPixels
        let rows = (H + c - 1) / c, cols = (W + c - 1) / c
        let amplitude = Float(s.contrast)
        var checks = [Float](repeating: 0, count: rows * cols)
        var t = 0
        while t < frames {
            for i in checks.indices { checks[i] = (rng.next() & 1) == 0 ? -amplitude : amplitude }
            let hold = rng.integer(s.refreshFramesMinimum, s.refreshFramesMaximum)
            for f in t..<min(frames, t + hold) {
                let frame = out + f * H * W
                for y in 0..<H { for x in 0..<W { frame[y * W + x] = checks[(y / c) * cols + x / c] } }
            }
            t += hold
        }
    }
}

/// Full-field random flicker block (``FullFieldFlickerSettings``).
enum FullFieldFlickerBlock {
    static func fill(_ out: UnsafeMutablePointer<Float>, frames: Int, height H: Int, width W: Int,
                     settings s: FullFieldFlickerSettings, imageSizePixels: Int, random rng: inout SeededRandom) {
        let P = H * W
        func toFrames(milliseconds ms: Double) -> Int { Int((ms / Units.frameMilliseconds).rounded()) }
        var t = 0
        while t < frames {
            let seconds = rng.uniform(s.segmentMinimumSeconds, s.segmentMaximumSeconds)
            let end = min(frames, t + max(1, Int((seconds / Units.frameSeconds).rounded())))
            if rng.uniform() < s.flashBurstShare {
                // Dim static 1/f background, flashes added on top.
                var background = [Float](repeating: 0, count: P)
                if s.backgroundRMSContrast > 0 {
                    let image = PinkNoiseImage(sizePixels: imageSizePixels, rmsContrast: s.backgroundRMSContrast, random: &rng)
                    let y0 = rng.integer(0, imageSizePixels - 1), x0 = rng.integer(0, imageSizePixels - 1)
                    for y in 0..<H { for x in 0..<W {
                        background[y * W + x] = image.values[((y0 + y) % imageSizePixels) * imageSizePixels + (x0 + x) % imageSizePixels]
                    } }
                }
                for f in t..<end { for i in 0..<P { out[f * P + i] = min(max(background[i], -1), 1) } }
                var f = t + toFrames(milliseconds: rng.exponential(mean: s.burstPauseMeanMilliseconds)) / 2
                while f < end {
                    let count = rng.integer(s.burstFlashesMinimum, s.burstFlashesMaximum)
                    for _ in 0..<count where f < end {
                        let length = rng.integer(s.flashFramesMinimum, s.flashFramesMaximum)
                        let magnitude = rng.uniform(s.flashContrastMinimum, s.flashContrastMaximum)
                        let c = Float(rng.uniform() < s.darkFlashProbability ? -magnitude : magnitude)
                        for g in f..<min(end, f + length) {
                            for i in 0..<P { out[g * P + i] = min(max(background[i] + c, -1), 1) }
                        }
                        let gap = s.flashGapMinimumMilliseconds
                            + rng.exponential(mean: max(1e-9, s.flashGapMeanMilliseconds - s.flashGapMinimumMilliseconds))
                        f += length + max(0, toFrames(milliseconds: gap))
                    }
                    f += toFrames(milliseconds: rng.exponential(mean: s.burstPauseMeanMilliseconds))
                }
            } else {
                // Uniform full-field steps.
                var f = t
                while f < end {
                    let hold = toFrames(milliseconds: rng.uniform(s.stepHoldMinimumMilliseconds, s.stepHoldMaximumMilliseconds))
                    let level: Float = rng.uniform() < s.grayLevelProbability
                        ? 0 : Float(min(max(s.stepContrastSD * rng.normal(), -1), 1))
                    for g in f..<min(end, f + max(1, hold)) { for i in 0..<P { out[g * P + i] = level } }
                    f += max(1, hold)
                }
            }
            t = end
        }
    }
}
