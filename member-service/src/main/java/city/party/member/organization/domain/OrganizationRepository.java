package city.party.member.organization.domain;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface OrganizationRepository extends ReactiveMongoRepository<Organization, String> {

    Flux<Organization> findByParentIdAndStatus(String parentId, OrganizationStatus status);

    Mono<Long> countByParentIdAndStatus(String parentId, OrganizationStatus status);
}
