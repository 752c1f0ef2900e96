package city.party.donation.donation;

/** How the money came in. */
public enum Channel {
    /** Paid by the member through an online payment. */
    ONLINE,
    /** Handed to the unit's party organisation in cash and recorded by its administrator. */
    CASH,
    /** Transferred to the campaign's bank account. */
    BANK_TRANSFER
}
