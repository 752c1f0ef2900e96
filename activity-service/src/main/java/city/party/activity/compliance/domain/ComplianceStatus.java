package city.party.activity.compliance.domain;

/**
 * MET: held as often as required. DUE: not yet, but the window is still open. OVERDUE: the window
 * ended without enough. NOT_REQUIRED: the organisation did not exist (long enough) in the window.
 */
public enum ComplianceStatus {
    MET, DUE, OVERDUE, NOT_REQUIRED
}
