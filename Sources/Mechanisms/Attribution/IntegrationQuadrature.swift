/// How the IG path integral `∫₀¹ g(α) dα` is discretised: nodes `α_k` and weights `ω_k` with
/// `∫₀¹ g ≈ Σ_k ω_k g(α_k)`, `Σ_k ω_k = 1`.
///
/// `steps` (N) means, per rule:
/// - ``rightRiemann``: the reference code's rule (`docs/method.md` §4.2). `α = linspace(0, 1, N)`;
///   gradients are taken at `α_1 … α_{N−1}` (k ≥ 1) with weight `Δα = 1/(N−1)` each, i.e. N − 1
///   intervals and N − 1 gradient evaluations. Error `O(1/N)` for a smooth integrand.
/// - ``trapezoid``: the same N linspace points, weights `1/(N−1)` with half weight at both ends;
///   N evaluations, error `O(1/N²)` for a smooth integrand (captum's `riemann_trapezoid`).
/// - ``gaussLegendre``: N Gauss–Legendre nodes mapped to [0, 1]; exact for polynomials of degree
///   ≤ 2N − 1, spectrally convergent for an analytic integrand (captum's default).
/// With ReLU networks the integrand is piecewise constant along the path, and every rule converges
/// only like `O(1/N)` at the kinks.
public enum IntegrationQuadrature: String, Codable, Sendable, CaseIterable {
    case rightRiemann
    case trapezoid
    case gaussLegendre

    /// Smallest valid `steps` for the rule.
    public var minimumSteps: Int { self == .gaussLegendre ? 1 : 2 }

    /// Nodes and weights for `steps` (see the type's documentation); throws if `steps` is too small.
    public func rule(steps: Int) throws -> (alphas: [Double], weights: [Double]) {
        guard steps >= minimumSteps else {
            throw MechanismsError.invalidSetting(name: "steps", expected: "≥ \(minimumSteps) for \(rawValue)", found: "\(steps)")
        }
        switch self {
        case .rightRiemann:
            let h = 1 / Double(steps - 1)
            let alphas = (1..<steps).map { Double($0) * h }
            return (alphas, [Double](repeating: h, count: steps - 1))
        case .trapezoid:
            let h = 1 / Double(steps - 1)
            let alphas = (0..<steps).map { Double($0) * h }
            var weights = [Double](repeating: h, count: steps)
            weights[0] = h / 2; weights[steps - 1] = h / 2
            return (alphas, weights)
        case .gaussLegendre:
            return GaussLegendre.unitInterval(count: steps)
        }
    }
}
