import RetinaCore

/// The first layer's valid 3-D correlation and its transpose (adjoint), written directly.
///
/// Forward, for window `w` (frames `w ..< w + T`):
///
///     z[w, c, y, x] = b[c] + Σ_{τ,u,v} W[c, τ, u, v] · s[w + τ, y + u, x + v]
///
/// Transpose (the chain rule of IG to pixels, `∂r/∂s = conv1ᵀ(∂r/∂z)`), for one window:
///
///     d[τ, y', x'] = Σ_{c,y,x} g[c, y, x] · W[c, τ, y' − y, x' − x]     (0 ≤ y'−y, x'−x < K)
///
/// Invariant (adjointness): `⟨conv(s) − b, g⟩ = ⟨s, convᵀ(g)⟩` up to Float rounding.
/// Cost: `C1 · T · K² · H1 · W1` multiply-adds per window in both directions; the innermost loop
/// runs along x over a contiguous row.
public enum Conv1Correlation {
    /// Preactivations `[windows, C1, H1, W1]` of every complete window of `movie`.
    public static func forward(movie: Movie, weights: [Float], bias: [Float], geometry g: Conv1Geometry) throws -> [Float] {
        try g.validate(weights: weights, bias: bias)
        guard movie.height == g.screenHeight, movie.width == g.screenWidth else {
            throw MechanismsError.shapeMismatch(parameter: "movie", expected: "\(g.screenHeight)x\(g.screenWidth) pixels",
                                                found: "\(movie.height)x\(movie.width)")
        }
        let windows = movie.windowCount(history: g.history)
        var z = [Float](repeating: 0, count: windows * g.unitsPerWindow)
        let (h1, w1, k, t, sw) = (g.mapHeight, g.mapWidth, g.kernel, g.history, g.screenWidth)
        let frameSize = g.screenHeight * g.screenWidth
        movie.values.withUnsafeBufferPointer { s in
            weights.withUnsafeBufferPointer { wt in
                z.withUnsafeMutableBufferPointer { out in
                    for w in 0..<windows {
                        for c in 0..<g.channels {
                            let base = (w * g.channels + c) * h1 * w1
                            for i in 0..<(h1 * w1) { out[base + i] = bias[c] }
                            for tau in 0..<t {
                                let frame = (w + tau) * frameSize
                                for u in 0..<k {
                                    for v in 0..<k {
                                        let coefficient = wt[((c * t + tau) * k + u) * k + v]
                                        if coefficient == 0 { continue }
                                        for y in 0..<h1 {
                                            let src = frame + (y + u) * sw + v
                                            let dst = base + y * w1
                                            for x in 0..<w1 { out[dst + x] += coefficient * s[src + x] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return z
    }

    /// The transposed correlation of one window's layer-1 array `g` (`[C1, H1, W1]`), giving
    /// `[T, H, W]`, written into `out` (overwritten).
    public static func transposed(_ g: UnsafeBufferPointer<Float>, weights: [Float], geometry: Conv1Geometry,
                                  into out: UnsafeMutableBufferPointer<Float>) {
        let (h1, w1, k, t, sw) = (geometry.mapHeight, geometry.mapWidth, geometry.kernel, geometry.history, geometry.screenWidth)
        let frameSize = geometry.screenHeight * geometry.screenWidth
        precondition(g.count == geometry.unitsPerWindow && out.count == geometry.pixelsPerWindow)
        for i in 0..<out.count { out[i] = 0 }
        weights.withUnsafeBufferPointer { wt in
            for c in 0..<geometry.channels {
                let gBase = c * h1 * w1
                for tau in 0..<t {
                    let frame = tau * frameSize
                    for u in 0..<k {
                        for v in 0..<k {
                            let coefficient = wt[((c * t + tau) * k + u) * k + v]
                            if coefficient == 0 { continue }
                            for y in 0..<h1 {
                                let dst = frame + (y + u) * sw + v
                                let src = gBase + y * w1
                                for x in 0..<w1 { out[dst + x] += coefficient * g[src + x] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Convenience: the transposed correlation of one window's `g` (`[C1, H1, W1]`) as a new `[T, H, W]` array.
    public static func transposed(_ g: [Float], weights: [Float], geometry: Conv1Geometry) -> [Float] {
        var out = [Float](repeating: 0, count: geometry.pixelsPerWindow)
        g.withUnsafeBufferPointer { gp in
            out.withUnsafeMutableBufferPointer { transposed(gp, weights: weights, geometry: geometry, into: $0) }
        }
        return out
    }
}
