package city.party.e2e.scenario;

/**
 * How big the scenario's city is. {@code city} is the city (60 units, 600 branches, 30,000
 * members, tens of thousands of donations); {@code small} is the same story in minutes, for every CI
 * run. Chosen with {@code -Dscenario.scale=small|city}; the generator is deterministic for a seed.
 */
public record Scale(String name, int units, int branchesPerUnit, int membersPerBranch, int donations,
        long seed) {

    public static final Scale SMALL = new Scale("small", 4, 3, 8, 600, 20260701L);
    public static final Scale CITY = new Scale("city", 60, 10, 50, 40_000, 20260701L);

    public static Scale chosen() {
        return switch (System.getProperty("scenario.scale", "small")) {
            case "city" -> CITY;
            case "small" -> SMALL;
            default -> throw new IllegalArgumentException("scenario.scale is small or city");
        };
    }

    public int branches() {
        return units * branchesPerUnit;
    }

    public int members() {
        return branches() * membersPerBranch;
    }
}
