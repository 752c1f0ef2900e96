package city.party.honor.program.domain;

/**
 * One honour of a programme, as data: e.g. {@code advanced-primary-organization} 先进基层党组织
 * (COLLECTIVE), {@code outstanding-member} 优秀共产党员 (INDIVIDUAL).
 */
public record Category(String code, String name, CategoryKind kind) {
}
