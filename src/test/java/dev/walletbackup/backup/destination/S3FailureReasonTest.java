package dev.walletbackup.backup.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What an operator reads when S3 cannot be used: the cause in words and what to check, not the SDK's text. */
class S3FailureReasonTest {

    @Test
    void noCredentialsAnywhereSaysWhichToSet() {
        // the SDK's own chain, as the default chain fails when no provider has credentials
        AwsCredentialsProviderChain chain = AwsCredentialsProviderChain.builder()
                .credentialsProviders(() -> {
                    throw SdkClientException.create("Access key must be specified");
                })
                .build();
        SdkClientException failure = catchThrowableOfType(chain::resolveCredentials, SdkClientException.class);

        assertThat(S3Destination.reason(failure))
                .isEqualTo("no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the "
                        + "process an AWS profile or role)");
    }

    @Test
    void anyOtherClientFailureKeepsItsMessage() {
        assertThat(S3Destination.reason(SdkClientException.create("The bucket name is not valid")))
                .isEqualTo("The bucket name is not valid");
    }
}
