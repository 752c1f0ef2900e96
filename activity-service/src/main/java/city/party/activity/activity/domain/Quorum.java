package city.party.activity.activity.domain;

/**
 * Quorum of a meeting that votes: more than half of the voting (full) members present. Probationary
 * members attend but do not vote; members who only made up the study afterwards were not present.
 *
 * @param required the smallest number of voting members present that is more than half
 */
public record Quorum(int votingMembers, int votingPresent, int required, boolean met, String source) {

    public static Quorum of(int votingMembers, int votingPresent, String source) {
        int required = votingMembers / 2 + 1;
        return new Quorum(votingMembers, votingPresent, required, votingMembers > 0 && votingPresent >= required,
                source);
    }
}
