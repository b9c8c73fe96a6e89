package dev.switchboard.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what usage-service persisted, polling until the event has made it through Kafka. */
final class UsageDatabase {

    private UsageDatabase() {
    }

    static Map<String, Object> awaitRequestRow(String requestId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = query("SELECT * FROM requests WHERE request_id = ?", requestId);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no usage row for " + requestId + " within 30 s");
    }

    static List<Map<String, Object>> attempts(String requestId) throws SQLException {
        return query("SELECT * FROM request_attempts WHERE request_id = ? ORDER BY attempt_index", requestId);
    }

    static List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
        try (Connection c = Infrastructure.database(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnName(col), rs.getObject(col));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }
}
