package city.party.platform.testapp;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

public interface SampleRepository extends ReactiveMongoRepository<Sample, String> {
}
