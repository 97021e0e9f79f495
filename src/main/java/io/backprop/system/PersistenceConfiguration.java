package io.backprop.system;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;

/** Every feature's column converters, given to Spring Data JDBC in one place. */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    @Bean
    JdbcCustomConversions jdbcCustomConversions(List<ColumnConverters> columns) {
        return new JdbcCustomConversions(columns.stream().flatMap(c -> c.converters().stream()).map(Object.class::cast)
                .toList());
    }
}
