package city.party.honor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** honor-service: commendation programmes, nominations, reviews, public notice, honor roll. */
@SpringBootApplication
public class HonorServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HonorServiceApplication.class, args);
    }
}
