package city.party.donation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** donation-service: voluntary donation campaigns, receipts, progress, hand-over, disbursement, public ledger. */
@SpringBootApplication
public class DonationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DonationServiceApplication.class, args);
    }
}
