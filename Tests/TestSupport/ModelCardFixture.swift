import Foundation
import ModelCards

/// Model cards for tests, decoded from JSON objects as reading a model file does (fields left out of
/// the object take their decoding defaults).
public enum ModelCardFixture {
    /// `value` as a JSON object (dictionary, array or fragment) for a card's fields.
    public static func json<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
    }

    /// The card whose JSON fields are `fields`.
    public static func card(_ fields: [String: Any]) throws -> ModelCard {
        try JSONDecoder().decode(ModelCard.self, from: JSONSerialization.data(withJSONObject: fields))
    }
}
