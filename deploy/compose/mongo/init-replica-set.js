// Run by compose.yaml's one-shot mongo-init service, signed in as root on mongo-1:
// initiates the replica set rs0 unless it is, waits for a primary, then creates or updates each
// service's user, with readWrite on that service's database only. Running it again changes
// nothing but the users' passwords, which follow .env.
const replicaSet = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo-1:27017", priority: 2 },
    { _id: 1, host: "mongo-2:27017", priority: 1 },
    { _id: 2, host: "mongo-3:27017", priority: 1 },
  ],
};
const users = {
  "lead-intake": "LEADRELAY_MONGO_INTAKE_PASSWORD",
  "partner-directory": "LEADRELAY_MONGO_DIRECTORY_PASSWORD",
  "lead-router": "LEADRELAY_MONGO_ROUTER_PASSWORD",
  "notification-service": "LEADRELAY_MONGO_NOTIFICATION_PASSWORD",
  "operator-console": "LEADRELAY_MONGO_CONSOLE_PASSWORD",
};

function initiated() {
  try {
    rs.status();
    return true;
  } catch (e) {
    if (e.codeName === "NotYetInitialized" || e.code === 94) {
      return false;
    }
    throw e;
  }
}

if (initiated()) {
  print("replica set rs0 already initiated");
} else {
  rs.initiate(replicaSet);
  print("replica set rs0 initiated");
}

// an election takes a few seconds; give up after two minutes
let primary;
for (let waited = 0; !(primary = db.hello().primary); waited++) {
  if (waited >= 120) {
    throw new Error("rs0 has no primary after 120 s");
  }
  sleep(1000);
}
print("primary: " + primary);

const admin = connect("mongodb://" + encodeURIComponent("root") + ":"
    + encodeURIComponent(process.env.MONGO_ROOT_PASSWORD) + "@" + primary
    + "/admin?authSource=admin&directConnection=true");
for (const [user, variable] of Object.entries(users)) {
  const pwd = process.env[variable];
  if (!pwd) {
    throw new Error(variable + " is not set");
  }
  const roles = [{ role: "readWrite", db: user }];
  if (admin.getUser(user) === null) {
    admin.createUser({ user, pwd, roles });
    print("created user " + user);
  } else {
    admin.updateUser(user, { pwd, roles });
    print("updated user " + user);
  }
}
