package city.party.member;

import city.party.platform.test.ServiceSmokeIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberServiceSmokeIT extends ServiceSmokeIT {

    // Every assertion is inherited from ServiceSmokeIT: each service must pass the same platform checks.
}
