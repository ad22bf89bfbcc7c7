# modes: text json
# A failed connect keeps the current connection.
suspend web1
connect test:///nonexistent/node.xml
uri
list
connect test:///default extra
