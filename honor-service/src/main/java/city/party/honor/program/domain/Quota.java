package city.party.honor.program.domain;

/** How many nominations a municipal unit may put forward in one category. */
public record Quota(String unitId, String category, int limit) {
}
