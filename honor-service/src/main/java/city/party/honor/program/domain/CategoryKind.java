package city.party.honor.program.domain;

/** 先进集体 (an organisation is honoured) or 先进个人 (a member is honoured). */
public enum CategoryKind {
    COLLECTIVE, INDIVIDUAL
}
