package city.party.honor.nomination.web;

import java.util.Locale;

import city.party.honor.nomination.domain.EligibilityCheck;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** The reasons of an eligibility check in the caller's language (Chinese for zh-CN). */
@Component
class EligibilityMessages {

    private final MessageSource messages;

    EligibilityMessages(MessageSource messages) {
        this.messages = messages;
    }

    EligibilityCheck localise(EligibilityCheck check, ServerWebExchange exchange) {
        if (check == null) {
            return null;
        }
        Locale locale = exchange.getLocaleContext().getLocale();
        Locale effective = locale != null ? locale : Locale.ROOT;
        return new EligibilityCheck(check.eligible(), check.criteria().stream().map(c -> c.withDetail(messages
                .getMessage(c.messageCode(), c.args().toArray(), c.detail(), effective))).toList());
    }
}
