package city.party.member.honor.web;

import java.util.List;

import city.party.member.honor.domain.HonorRecord;
import city.party.member.member.application.MemberService;
import city.party.member.organization.application.OrganizationService;
import city.party.platform.security.CallerScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The honours on a member's or an organisation's record (newest first), for whoever may see the record. */
@RestController
class HonorsController {

    private final MemberService members;
    private final OrganizationService organizations;
    private final ReactiveMongoTemplate mongo;

    HonorsController(MemberService members, OrganizationService organizations, ReactiveMongoTemplate mongo) {
        this.members = members;
        this.organizations = organizations;
        this.mongo = mongo;
    }

    @GetMapping("/api/members/{id}/honors")
    Mono<List<HonorRecord>> ofMember(@PathVariable String id, CallerScope caller) {
        return members.get(id, caller).flatMap(member -> honors("MEMBER", member.getId()));
    }

    @GetMapping("/api/organizations/{id}/honors")
    Mono<List<HonorRecord>> ofOrganization(@PathVariable String id, CallerScope caller) {
        return organizations.get(id, caller).flatMap(organization -> honors("ORGANIZATION", organization.getId()));
    }

    private Mono<List<HonorRecord>> honors(String nomineeType, String nomineeId) {
        return mongo.find(Query.query(where("nomineeType").is(nomineeType).and("nomineeId").is(nomineeId))
                .with(Sort.by(Sort.Direction.DESC, "awardedAt")), HonorRecord.class).collectList();
    }
}
