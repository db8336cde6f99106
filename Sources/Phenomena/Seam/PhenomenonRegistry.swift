/// The one list of phenomena. The validation suite, the model card, `validate`, the run pipeline,
/// export, figures, the report and `bench --analyses` iterate over it; adding a phenomenon means
/// writing its own files and adding its type here.
public enum PhenomenonRegistry {
    /// Every phenomenon, in report order.
    public static let all: [any PhenomenonKind.Type] = [
        OmittedStimulusResponse.self,
        LatencyCoding.self,
        MotionReversal.self,
        MotionAnticipation.self,
        ContrastAdaptation.self,
    ]

    /// The kind with `id`, nil when no registered phenomenon has it.
    public static func kind(_ id: Phenomenon) -> (any PhenomenonKind.Type)? {
        all.first { $0.id == id }
    }

    /// The kind with `id`; throws naming the known ids when there is none.
    public static func kind(named id: String) throws -> any PhenomenonKind.Type {
        guard let k = kind(Phenomenon(rawValue: id)) else {
            throw PhenomenaError.invalidProtocol(parameter: "phenomena",
                                                 expected: "one of " + all.map { $0.id.rawValue }.joined(separator: ", "),
                                                 found: "'\(id)'")
        }
        return k
    }
}
