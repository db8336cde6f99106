import RetinaCore

extension ConditionExplainer {
    /// Layer-1 preactivations `z = W1 ⋆ s + b` (`[windows, C1, H1, W1]`) of a movie that has the
    /// pooling symmetry, computed on its reduced form and broadcast over the map:
    ///
    ///     full field:     z_c(i)    = b_c + Σ_τ f_c[τ] · s_{i+τ},            f_c[τ]   = Σ_{u,v} W1[c,τ,u,v]
    ///     vertical bars:  z_c(i)[x] = b_c + Σ_τ Σ_v k_c[τ,v] · s_{i+τ}[x+v], k_c[τ,v] = Σ_u W1[c,τ,u,v]
    ///
    /// with `s_t` pixel (0, 0) (full field) or pixel row 0 (bars) of frame `t`. Exact for a movie with
    /// the symmetry (the caller checks it first, to `symmetryTolerance`); Double accumulation. Cost per
    /// window `C1·T` or `C1·T·K·W1` multiply-adds instead of the full correlation's `C1·T·K²·H1·W1`
    /// (93 M at paper size), so every analysed row of a long bar movie costs almost nothing.
    ///
    /// Used for the BN-CNN, whose own conv1 is spectral (FFT) and so rounds differently from a direct
    /// correlation anyway (≈ 1e-6 relative); other models keep their own `layer1Preactivations`, so a
    /// model that is also its own ground truth reproduces itself bit for bit.
    static func symmetricPreactivations(_ movie: Movie, symmetry: PoolingSymmetry, weights: [Float], bias: [Float],
                                        geometry g: Conv1Geometry) -> [Float] {
        let windows = movie.windowCount(history: g.history)
        let (h1, w1, k, t) = (g.mapHeight, g.mapWidth, g.kernel, g.history)
        let columns = symmetry.columns(g), n = movie.pixelsPerFrame
        // Reduced kernels [C1][T][taps]: taps = 1 (full field) or K (bars, summed over rows u).
        let taps = symmetry == .fullField ? 1 : k
        var reduced = [Double](repeating: 0, count: g.channels * t * taps)
        for c in 0..<g.channels {
            for tau in 0..<t {
                for u in 0..<k {
                    for v in 0..<k {
                        reduced[(c * t + tau) * taps + (symmetry == .fullField ? 0 : v)] += Double(weights[((c * t + tau) * k + u) * k + v])
                    }
                }
            }
        }
        var out = [Float](repeating: 0, count: windows * g.unitsPerWindow)
        var acc = [Double](repeating: 0, count: columns)
        for i in 0..<windows {
            for c in 0..<g.channels {
                for x in 0..<columns { acc[x] = Double(bias[c]) }
                for tau in 0..<t {
                    let frame = (i + tau) * n
                    for v in 0..<taps {
                        let w = reduced[(c * t + tau) * taps + v]
                        if w == 0 { continue }
                        for x in 0..<columns { acc[x] += w * Double(movie.values[frame + x + v]) }
                    }
                }
                let base = (i * g.channels + c) * h1 * w1
                for y in 0..<h1 {
                    for x in 0..<w1 { out[base + y * w1 + x] = Float(acc[symmetry == .fullField ? 0 : x]) }
                }
            }
        }
        return out
    }
}
